"""Only what pyproject.toml cannot say: the top-level resources/ folder is installed inside the package
as circles_desktop/resources, where circles_desktop/shipped.py finds it."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["circles_desktop*"]), "circles_desktop.resources"],
    package_dir={"circles_desktop.resources": "resources"},
)
