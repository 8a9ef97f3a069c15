"""Stored text made safe to print on a terminal.

Article text is whatever a page or a file held. Printed raw, an ESC or CSI
starts a sequence the terminal obeys: set the window title (OSC 0), clear the
screen, or write the clipboard (OSC 52). Every control character but newline
and tab is shown as a visible ``\\xNN`` escape instead.
"""

from __future__ import annotations

# C0 controls but tab and newline, DEL, and the C1 controls (0x9b is a
# one-character CSI, 0x9d an OSC).
_UNSAFE = {c: f"\\x{c:02x}" for c in (*range(0, 9), *range(11, 32), 127, *range(128, 160))}
# A newline in a one-line field (a file name, a skip reason) would split it.
_ONE_LINE = {**_UNSAFE, 9: "\\x09", 10: "\\x0a"}


def terminal_safe(text: str) -> str:
    """``text`` with every control character a terminal acts on made visible."""
    return text.translate(_UNSAFE)


def one_line(text: str) -> str:
    """``text`` as one line: newlines and tabs made visible too."""
    return text.translate(_ONE_LINE)


__all__ = ["one_line", "terminal_safe"]
