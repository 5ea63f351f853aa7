"""Small widgets every form uses: a message under a field, a passphrase box, a muted note.

The unlock dialog uses these before anything else is loaded, so this module imports no more of Qt
than it needs (importing `Qt` itself costs tens of milliseconds at start-up)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

# --- tones: coloured text that stays readable on a light or a dark palette --------------------------
# (light palette, dark palette); each is checked against the palette's window and base colours and
# made lighter or darker until it reads at 4.5:1 at least (WCAG AA for normal text).
TONES = {
    "error": ("#b00020", "#ff8a80"),
    "warning": ("#b00020", "#ff8a80"),
    "good": ("#1b5e20", "#81c784"),
    "note": ("#555555", "#b8b8b8"),
    "amber": ("#7a4f00", "#ffcc80"),  # something to do soon: a step left, a document to ask back
    "accent": ("#17443d", "#80cbc4"),  # the circle's own colour: a countdown, a heading
}
BOLD = {"warning"}
ON_LIGHT = "#1a1a1a"  # text on a light background of its own (a highlighted row, a banner), on any palette
MIN_CONTRAST = 4.5


def _luminance(colour: QColor) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _palette() -> QPalette:
    app = QGuiApplication.instance()
    return QGuiApplication.palette() if app is not None else QPalette()


def is_dark(palette: QPalette | None = None) -> bool:
    window = (palette or _palette()).color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def readable(colour: str, palette: QPalette | None = None) -> str:
    """A text colour as near `colour` as reads at 4.5:1 on the palette's window and base: lightened on a
    dark palette, darkened on a light one, until it does."""
    palette = palette or _palette()
    dark = is_dark(palette)
    found = QColor(colour)
    grounds = (palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base))
    for _step in range(40):
        if min(contrast(found, ground) for ground in grounds) >= MIN_CONTRAST:
            break
        hue, saturation, lightness = found.hslHue(), found.hslSaturation(), found.lightness()
        lightness = min(255, lightness + 12) if dark else max(0, lightness - 12)
        found = QColor.fromHsl(max(hue, 0), saturation, lightness)
    return found.name()


def tone(name: str, palette: QPalette | None = None) -> str:
    """The colour (#rrggbb) for a tone of text (TONES) on the current palette, readable on it."""
    palette = palette or _palette()
    return readable(TONES[name][1 if is_dark(palette) else 0], palette)


def readable_brush(colour: str) -> QBrush:
    """readable(colour) as a brush for a model's ForegroundRole, kept for the palette it was made for."""
    key = (colour, _palette().color(QPalette.ColorRole.Window).rgb())
    brush = _BRUSHES.get(key)
    if brush is None:
        brush = _BRUSHES[key] = QBrush(QColor(readable(colour)))
    return brush


_BRUSHES: dict[tuple[str, int], QBrush] = {}


def tone_style(name: str, palette: QPalette | None = None) -> str:
    """A style sheet for text in that tone: "color: #b00020;" (bold for warnings)."""
    weight = " font-weight: bold;" if name in BOLD else ""
    return f"color: {tone(name, palette)};{weight}"


# The light palette's styles, kept for code written before tones; new code calls tone_style(), which
# also reads on a dark palette.
ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: #555555;"
WARNING_STYLE = "color: #b00020; font-weight: bold;"
GOOD_STYLE = "color: #1b5e20;"


class FieldMessage(QLabel):
    """The message shown under a field, in red; takes no room while empty."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(tone_style("error"))
        self.setAccessibleName(accessible_name)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")

    def show_errors(self, errors: Mapping[str, str]) -> None:
        """Show every message of {field: message} here, so operations can report to a line of its own."""
        self.show_message("\n".join(message for message in errors.values() if message))

    def saved_ok(self) -> None:
        """A write reported here went through: the earlier failure no longer stands."""
        self.clear_message()


class Note(QLabel):
    """Muted explanatory text that wraps."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self.setStyleSheet(tone_style("note"))


class StatusNote(Note):
    """A line saying how a piece of work went: `say(text)` in plain words, `fail(text)` in red.
    `hide_when_empty` makes it take no room while there is nothing to say."""

    def __init__(self, accessible_name: str, hide_when_empty: bool = False, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.setAccessibleName(accessible_name)
        self.hide_when_empty = hide_when_empty
        if hide_when_empty:
            self.setVisible(False)

    def say(self, text: str) -> None:
        self.setStyleSheet("")
        self._show(text)

    def fail(self, text: str) -> None:
        self.setStyleSheet(tone_style("error"))
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        if self.hide_when_empty:
            self.setVisible(bool(text))


def _grows(field: QWidget, horizontal: object) -> bool:
    """Whether a field widens to fill its row: its own size policy, or the layout inside it."""
    if field.sizePolicy().horizontalPolicy().value & QSizePolicy.PolicyFlag.ExpandFlag.value:
        return True
    layout = field.layout()
    return layout is not None and bool(layout.expandingDirections() & horizontal)  # type: ignore[operator]


def with_message(field: QWidget, message: QWidget) -> QWidget:
    """A field with its message just under it, as one widget for a form row.

    The row takes the whole width of the form's field column even when the field itself is narrow (a
    date, a short choice), so a message under it wraps across that width instead of being cut off."""
    holder = QWidget()
    holder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    from PySide6.QtCore import Qt  # here, not at the top: the unlock dialog imports this module first

    if _grows(field, Qt.Orientation.Horizontal):  # a text box, a picker: the whole width
        box.addWidget(field)
    else:  # a date, a choice: its own width, at the left
        box.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    box.addWidget(message)
    return holder


def passphrase_field(accessible_name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    # No completion or undo history to keep a secret around longer than the field itself.
    field.setClearButtonEnabled(False)
    return field


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A label whose &-mnemonic moves focus to its field (Alt+letter)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class _WholeWidth(QObject):
    def __init__(self, scroll: QScrollArea) -> None:
        super().__init__(scroll)
        self.scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest and isinstance(watched, QWidget):
            bar = self.scroll.verticalScrollBar().sizeHint().width()
            frame = 2 * self.scroll.frameWidth()
            self.scroll.setMinimumWidth(watched.minimumSizeHint().width() + bar + frame)
        return False


def never_sideways(scroll: QScrollArea) -> QScrollArea:
    """A scroll area that scrolls up and down only: scrolled sideways, what it holds is cut at the right
    (a form's labels). It asks for the width its contents need instead, so a splitter or dialog around it
    gives it that room. Only where that room can be given: beside a list that can narrow, or in a dialog
    (the attendance grid beside a learning circle's people could not, and was cut at the window's edge)."""
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget = scroll.widget()
    if widget is not None:
        widget.installEventFilter(_WholeWidth(scroll))
    return scroll
