; Inno Setup 6 script: the Windows installer, made from the bundle PyInstaller built (dist\circles-desktop\).
; On Windows, from the repository's root (the release workflow does this):
;   iscc /DAppVersion=0.1.0 packaging\windows\circles-desktop.iss
; It writes dist\circles-desktop-<version>-windows-setup.exe. Paths below are relative to this file.
; Written for the workflow's Windows runner; not run on the Linux machines the project is developed on.

#ifndef AppVersion
  #error Give the version from pyproject.toml: iscc /DAppVersion=x.y.z packaging\windows\circles-desktop.iss
#endif
#define Bundle "..\..\dist\circles-desktop"

[Setup]
; The AppId ties every later version's installer to this one, so that it upgrades in place: never change it.
AppId={{03E9AC76-2EBA-4BAE-99C4-265BB3A05D5A}
AppName=Circles Desktop
AppVersion={#AppVersion}
AppVerName=Circles Desktop {#AppVersion}
AppPublisher=Circles Desktop
DefaultDirName={autopf}\Circles Desktop
DefaultGroupName=Circles Desktop
DisableProgramGroupPage=yes
; A coordinator on a locked-down council laptop can install for themselves without an administrator;
; an administrator can choose to install for everyone.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=circles-desktop-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\circles-desktop.ico
UninstallDisplayIcon={app}\circles-desktop.exe
UninstallDisplayName=Circles Desktop
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The records are kept in the coordinator's own data folder (%LOCALAPPDATA%\Circles Desktop), never in
; the program's folder, so uninstalling or upgrading leaves them as they are.

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle whole, so that no library of an older version is left behind to be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Circles Desktop"; Filename: "{app}\circles-desktop.exe"; Comment: "Encrypted offline records for coordinators of circles"
Name: "{autodesktop}\Circles Desktop"; Filename: "{app}\circles-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\circles-desktop.exe"; Description: "{cm:LaunchProgram,Circles Desktop}"; Flags: nowait postinstall skipifsilent
