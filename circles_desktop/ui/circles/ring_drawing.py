"""A drawing of a circle's two rings: the core member at the centre, the inner circle (volunteers, and a
parent or carer) on the inner ring, the outer circle (professionals, with role and organisation) on the
outer ring.

It reads in grayscale print as well as on screen: the rings differ in line (solid inner, dashed outer)
and in shade, inner-ring people sit in rounded cards and professionals in square cards with a bar,
and every card says the person's role in words. `text_alternative()` says the same in text, for screen
readers and for the list beside the drawing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Colours chosen to stay apart in grayscale: the inner band is darker than the outer band.
BACKGROUND = QColor("#ffffff")
OUTER_FILL = QColor("#eef1f5")
OUTER_LINE = QColor("#52627a")
INNER_FILL = QColor("#cfe5de")
INNER_LINE = QColor("#1f6b5c")
CORE_FILL = QColor("#17443d")
CARD_FILL = QColor("#ffffff")
TEXT = QColor("#1a1a1a")
MUTED = QColor("#4a4a4a")
MAX_OUTER = 8  # more than this and the last card says "+N more" (the text alternative lists everyone)
MAX_INNER = 8


@dataclass(frozen=True)
class RingPerson:
    name: str
    role: str  # the role in words ("Volunteer", "Probation officer")
    organisation: str = ""


@dataclass(frozen=True)
class _Rings:
    """The drawing's geometry: the centre, the inner (1) and outer (2) radii, the core's, the cards' sizes."""

    centre: QPointF
    rx1: float
    ry1: float
    rx2: float
    ry2: float
    core_r: float
    inner_w: float
    inner_h: float
    outer_w: float
    outer_h: float
    small_h: float


def _shown(people: list[RingPerson], most: int) -> list[RingPerson]:
    """Everyone, or the first few and a last card saying how many more (the text alternative lists all)."""
    if len(people) <= most:
        return people
    return [*people[: most - 1], RingPerson(f"+{len(people) - most + 1} more", "see the list", "")]


@dataclass
class _Card:
    rect: QRectF
    lines: list[str]
    tooltip: str


class RingDrawing(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("circle.rings")
        self.setAccessibleName("Drawing of the inner and outer circles")
        self.setMinimumSize(420, 340)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.core: str | None = None
        self.core_role = "Core member"
        self.inner: list[RingPerson] = []
        self.outer: list[RingPerson] = []
        self._cards: list[_Card] = []
        self._update_description()

    # --- data ------------------------------------------------------------------------------------
    def set_people(
        self, core: str | None, inner: list[RingPerson], outer: list[RingPerson], core_role: str = "Core member"
    ) -> None:
        self.core, self.inner, self.outer, self.core_role = core, list(inner), list(outer), core_role
        self._update_description()
        self.update()

    def clear(self) -> None:
        self.set_people(None, [], [])

    def text_alternative(self) -> str:
        """Who is in each ring, in words."""
        if self.core is None and not self.inner and not self.outer:
            return "No circle is shown."
        lines = [f"At the centre, {self.core_role.lower()}: {self.core or 'not recorded'}."]
        if self.inner:
            people = "; ".join(f"{p.name} ({p.role.lower()})" for p in self.inner)
            lines.append(f"Inner circle ({len(self.inner)}): {people}.")
        else:
            lines.append("Inner circle: no volunteers yet.")
        if self.outer:
            people = "; ".join(
                f"{p.name} ({p.role.lower()}{', ' + p.organisation if p.organisation else ''})" for p in self.outer
            )
            lines.append(f"Outer circle ({len(self.outer)}): {people}.")
        else:
            lines.append("Outer circle: no professionals yet.")
        return "\n".join(lines)

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.text_alternative())
        self.setToolTip("")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(680, 520)

    # --- painting --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            self.paint_on(painter, QRectF(self.rect()))
        finally:
            painter.end()

    def paint_on(self, painter: QPainter, area: QRectF) -> None:
        """Draw into any painter (the screen, or a printer or PDF page)."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(area, BACKGROUND)
        self._cards = []
        base = QFont(self.font())
        base.setPointSizeF(max(9.0, base.pointSizeF()))
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        legend_h = self._legend(painter, area, base)
        room = area.adjusted(8, legend_h + 4, -8, -8)
        inner, outer = _shown(self.inner, MAX_INNER), _shown(self.outer, MAX_OUTER)
        rings = self._rings(room, inner, outer, bold, small)
        self._paint_bands(painter, rings, small)
        # The core member.
        painter.setPen(QPen(QColor("#0c2a25"), 1.5))
        painter.setBrush(QBrush(CORE_FILL))
        painter.drawEllipse(rings.centre, rings.core_r, rings.core_r)
        self._core_text(painter, rings.centre, rings.core_r, bold, small)
        self._paint_people(painter, rings, inner, outer, bold, small)

    def _rings(
        self, room: QRectF, inner: list[RingPerson], outer: list[RingPerson], bold: QFont, small: QFont
    ) -> _Rings:
        """Where the rings and cards go: the outer ring fits the room with its cards (it may be a little
        wider than tall), the inner ring sits inside it, the core member at the centre."""
        fm_bold, fm_small = QFontMetricsF(bold), QFontMetricsF(small)
        line_h = fm_bold.height()
        small_h = fm_small.height()
        outer_w = self._card_width(outer, fm_bold, fm_small, 120, 230)
        outer_h = line_h + 2 * small_h + 12
        inner_w = self._card_width(inner, fm_bold, fm_small, 96, 180)
        inner_h = line_h + small_h + 10
        ry2 = max(60.0, (room.height() - outer_h) / 2 - 2)
        rx2 = max(80.0, min((room.width() - outer_w) / 2 - 2, ry2 * 1.35))
        ry2 = min(ry2, rx2)
        centre = room.center()
        rx1, ry1 = self._inner_radii(len(inner), centre, rx2, ry2, inner_w, inner_h, outer_w, outer_h)
        core_r = max(38.0, min(ry1 - inner_h / 2 - 10, 62.0))
        return _Rings(centre, rx1, ry1, rx2, ry2, core_r, inner_w, inner_h, outer_w, outer_h, small_h)

    def _paint_bands(self, painter: QPainter, r: _Rings, small: QFont) -> None:
        """The two shaded bands, the ring lines, and each ring's name along the top of its band, where no
        card ever sits."""
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(OUTER_FILL))
        painter.drawEllipse(r.centre, r.rx2 + r.outer_h * 0.35, r.ry2 + r.outer_h * 0.35)
        painter.setBrush(QBrush(INNER_FILL))
        painter.drawEllipse(r.centre, r.rx1 + r.inner_h * 0.6, r.ry1 + r.inner_h * 0.6)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        dashed = QPen(OUTER_LINE, 2.0, Qt.PenStyle.DashLine)
        dashed.setDashPattern([6, 4])
        painter.setPen(dashed)
        painter.drawEllipse(r.centre, r.rx2, r.ry2)
        painter.setPen(QPen(INNER_LINE, 2.5))
        painter.drawEllipse(r.centre, r.rx1, r.ry1)
        x, y = r.centre.x(), r.centre.y()
        outer_at = QPointF(x, y - r.ry2 - r.outer_h * 0.35 + r.small_h * 0.6 + 2)
        self._ring_name(painter, outer_at, "OUTER CIRCLE", small, OUTER_LINE)
        inner_at = QPointF(x, y - r.ry1 - r.inner_h * 0.6 + r.small_h * 0.6 + 2)
        self._ring_name(painter, inner_at, "INNER CIRCLE", small, INNER_LINE)

    def _paint_people(
        self, painter: QPainter, r: _Rings, inner: list[RingPerson], outer: list[RingPerson], bold: QFont, small: QFont
    ) -> None:
        centre = r.centre
        if not inner:
            self._empty(painter, QPointF(centre.x(), centre.y() + r.ry1), "No volunteers yet", small, INNER_LINE)
        for (x, y), person in zip(self._positions(len(inner), centre, r.rx1, r.ry1), inner, strict=True):
            rect = QRectF(x - r.inner_w / 2, y - r.inner_h / 2, r.inner_w, r.inner_h)
            self._inner_card(painter, rect, person, bold, small)
        if not outer:
            self._empty(painter, QPointF(centre.x(), centre.y() + r.ry2), "No professionals yet", small, OUTER_LINE)
        for (x, y), person in zip(self._positions(len(outer), centre, r.rx2, r.ry2), outer, strict=True):
            rect = QRectF(x - r.outer_w / 2, y - r.outer_h / 2, r.outer_w, r.outer_h)
            self._outer_card(painter, rect, person, bold, small)

    def _inner_radii(
        self,
        n: int,
        centre: QPointF,
        rx2: float,
        ry2: float,
        inner_w: float,
        inner_h: float,
        outer_w: float,
        outer_h: float,
    ) -> tuple[float, float]:
        """The inner ring's radii: 54% of the outer ring's, widened until its cards no longer touch each
        other (or the outer ring's cards)."""
        ry1 = ry2 * 0.54
        outer = [
            QRectF(x - outer_w / 2, y - outer_h / 2, outer_w, outer_h)
            for x, y in self._positions(len(self.outer[:MAX_OUTER]), centre, rx2, ry2)
        ]
        rx1 = rx2 * 0.54
        while rx1 < rx2 * 0.8:
            cards = [
                QRectF(x - inner_w / 2 - 4, y - inner_h / 2 - 2, inner_w + 8, inner_h + 4)
                for x, y in self._positions(n, centre, rx1, ry1)
            ]
            clash = any(a.intersects(b) for i, a in enumerate(cards) for b in cards[i + 1 :])
            if not clash:
                break
            wider = rx1 * 1.05
            grown = [
                QRectF(x - inner_w / 2, y - inner_h / 2, inner_w, inner_h)
                for x, y in self._positions(n, centre, wider, ry1)
            ]
            if any(a.intersects(b) for a in grown for b in outer):
                break
            rx1 = wider
        return rx1, ry1

    @staticmethod
    def _positions(n: int, centre: QPointF, rx: float, ry: float) -> list[tuple[float, float]]:
        """n points round an ellipse, never at the very top (where the ring's name is)."""
        out = []
        for k in range(n):
            angle = math.radians(-90 + 180 / n + k * 360 / n)
            out.append((centre.x() + rx * math.cos(angle), centre.y() + ry * math.sin(angle)))
        return out

    @staticmethod
    def _card_width(
        people: list[RingPerson], fm_bold: QFontMetricsF, fm_small: QFontMetricsF, least: float, most: float
    ) -> float:
        widest = least
        for p in people:
            widest = max(
                widest,
                fm_bold.horizontalAdvance(p.name),
                fm_small.horizontalAdvance(p.role),
                fm_small.horizontalAdvance(p.organisation),
            )
        return min(most, widest + 20)

    def _legend(self, painter: QPainter, area: QRectF, font: QFont) -> float:
        fm = QFontMetricsF(font)
        h = fm.height()
        x, y = area.left() + 12, area.top() + 8
        painter.setFont(font)
        entries = [
            (QPen(INNER_LINE, 2.5), f"Inner circle: the core member and volunteers ({len(self.inner)} on the ring)"),
            (self._dash_pen(), f"Outer circle: professionals ({len(self.outer)})"),
        ]
        for i, (pen, text) in enumerate(entries):
            ly = y + i * (h + 4) + h / 2
            painter.setPen(pen)
            painter.drawLine(QPointF(x, ly), QPointF(x + 28, ly))
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + 36, ly + fm.ascent() / 2 - 1), text)
        return 8 + 2 * (h + 4)

    @staticmethod
    def _dash_pen() -> QPen:
        pen = QPen(OUTER_LINE, 2.0, Qt.PenStyle.DashLine)
        pen.setDashPattern([4, 3])
        return pen

    @staticmethod
    def _ring_name(painter: QPainter, at: QPointF, text: str, font: QFont, colour: QColor) -> None:
        f = QFont(font)
        f.setBold(True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.5)
        fm = QFontMetricsF(f)
        w = fm.horizontalAdvance(text) + 12
        rect = QRectF(at.x() - w / 2, at.y() - fm.height() / 2, w, fm.height())
        painter.setFont(f)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _empty(painter: QPainter, at: QPointF, text: str, font: QFont, colour: QColor) -> None:
        f = QFont(font)
        f.setItalic(True)
        fm = QFontMetricsF(f)
        w = fm.horizontalAdvance(text) + 16
        rect = QRectF(at.x() - w / 2, at.y() - fm.height() / 2 - 3, w, fm.height() + 6)
        painter.setPen(QPen(colour, 1.0))
        painter.setBrush(QBrush(CARD_FILL))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setFont(f)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _core_text(self, painter: QPainter, centre: QPointF, r: float, bold: QFont, small: QFont) -> None:
        name = self.core or "No core member"
        fm = QFontMetricsF(bold)
        width = 2 * r - 12
        words = name.split()
        lines: list[str] = []
        if fm.horizontalAdvance(name) <= width or len(words) < 2:
            lines = [fm.elidedText(name, Qt.TextElideMode.ElideRight, width)]
        else:  # given name over family name
            lines = [
                fm.elidedText(words[0], Qt.TextElideMode.ElideRight, width),
                fm.elidedText(" ".join(words[1:]), Qt.TextElideMode.ElideRight, width),
            ]
        fs = QFontMetricsF(small)
        total = len(lines) * fm.height() + fs.height()
        y = centre.y() - total / 2
        painter.setPen(QColor("#ffffff"))
        painter.setFont(bold)
        for line in lines:
            painter.drawText(QRectF(centre.x() - r, y, 2 * r, fm.height()), Qt.AlignmentFlag.AlignCenter, line)
            y += fm.height()
        painter.setFont(small)
        painter.drawText(QRectF(centre.x() - r, y, 2 * r, fs.height()), Qt.AlignmentFlag.AlignCenter, self.core_role)
        self._cards.append(_Card(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r), [], f"{name}\n{self.core_role}"))

    def _inner_card(self, painter: QPainter, rect: QRectF, p: RingPerson, bold: QFont, small: QFont) -> None:
        painter.setPen(QPen(INNER_LINE, 2.0))
        painter.setBrush(QBrush(CARD_FILL))
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        self._card_text(painter, rect.adjusted(10, 4, -10, -4), [(p.name, bold, TEXT), (p.role, small, MUTED)])
        self._cards.append(_Card(rect, [p.name, p.role], f"{p.name}\n{p.role} (inner circle)"))

    def _outer_card(self, painter: QPainter, rect: QRectF, p: RingPerson, bold: QFont, small: QFont) -> None:
        painter.setPen(QPen(OUTER_LINE, 1.2))
        painter.setBrush(QBrush(CARD_FILL))
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(QRectF(rect.left(), rect.top(), 5, rect.height()), OUTER_LINE)
        lines = [(p.name, bold, TEXT), (p.role, small, MUTED)]
        if p.organisation:
            lines.append((p.organisation, small, MUTED))
        self._card_text(painter, rect.adjusted(12, 5, -6, -5), lines)
        tip = f"{p.name}\n{p.role}" + (f", {p.organisation}" if p.organisation else "") + " (outer circle)"
        self._cards.append(_Card(rect, [p.name, p.role, p.organisation], tip))

    @staticmethod
    def _card_text(painter: QPainter, rect: QRectF, lines: list[tuple[str, QFont, QColor]]) -> None:
        heights = [QFontMetricsF(f).height() for _t, f, _c in lines]
        y = rect.center().y() - sum(heights) / 2
        for (text, font, colour), h in zip(lines, heights, strict=True):
            fm = QFontMetricsF(font)
            painter.setFont(font)
            painter.setPen(colour)
            shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(QRectF(rect.left(), y, rect.width(), h), Qt.AlignmentFlag.AlignCenter, shown)
            y += h

    # --- tooltips: the full words on a card whose text was shortened --------------------------------
    def event(self, event) -> bool:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ToolTip:
            pos = QPointF(event.pos())
            for card in reversed(self._cards):
                if card.rect.contains(pos):
                    QToolTip.showText(event.globalPos(), card.tooltip, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)
