"""Builds the Swift library and command-line tool into the package.

``pip install ./python`` (from a GridMMO checkout) runs ``swift build -c release`` for the
``GridMMOC`` library and the ``gridmmo`` tool with the Swift runtime linked statically, so the
installed files need only the C and C++ runtimes, zlib and (for the tool) OpenBLAS, and copies
them with the shipped maps and curricula into the package. The Swift build tree is
``<checkout>/.build-python`` unless $GRIDMMO_SWIFT_SCRATCH names another.
"""

import os
import shutil
import subprocess

from setuptools import setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRODUCTS = {"GridMMOC": "libGridMMOC.so", "gridmmo": "gridmmo"}
DATA = [("maps/train", "maps/train"), ("maps/eval", "maps/eval"), ("curricula", "curricula")]


class BuildWithSwift(build_py):
    """Copies the Python sources, then builds and copies the Swift products and the data."""

    def run(self):
        super().run()
        if not os.path.exists(os.path.join(CHECKOUT, "Package.swift")):
            raise RuntimeError(f"gridmmo must be built from a GridMMO checkout: no Package.swift in {CHECKOUT}")
        scratch = os.environ.get("GRIDMMO_SWIFT_SCRATCH", os.path.join(CHECKOUT, ".build-python"))
        swift = os.environ.get("SWIFT", "swift")
        for product in PRODUCTS:
            subprocess.check_call(
                [swift, "build", "-c", "release", "--product", product, "-Xswiftc", "-static-stdlib", "--scratch-path", scratch],
                cwd=CHECKOUT,
            )
        package = os.path.join(self.build_lib, "gridmmo")
        os.makedirs(os.path.join(package, "_lib"), exist_ok=True)
        for name in PRODUCTS.values():
            shutil.copy2(os.path.join(scratch, "release", name), os.path.join(package, "_lib", name))
        for source, target in DATA:
            destination = os.path.join(package, "data", target)
            shutil.rmtree(destination, ignore_errors=True)
            shutil.copytree(os.path.join(CHECKOUT, source), destination, ignore=shutil.ignore_patterns("*.md"))


class PlatformWheel(bdist_wheel):
    """A wheel for this platform and any Python 3: the native code is loaded with ctypes, not as an extension module."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(cmdclass={"build_py": BuildWithSwift, "bdist_wheel": PlatformWheel})
