"""The hand-off summary an agent reads first, in the agent's own language."""

from __future__ import annotations

from babeldesk.bot.context import Handoff
from babeldesk.bot.facts import order_ref
from babeldesk.language.names import display_name
from babeldesk.replies.library import has, render


def summarize(handoff: Handoff, language: str) -> str:
    """Title, then one "label: value" line per fact the bot has; ``language`` is the agent's."""

    def line(label: str, value: str) -> str:
        return f"{render(label, language)}: {value}"

    reason = render(f"reason_{handoff.reason}", language)
    lines = [render("summary_title", language), line("summary_reason", reason)]
    if handoff.intent:
        lines.append(line("summary_intent", _intent(handoff.intent, language)))
    if handoff.order_number:
        lines.append(line("summary_order", order_ref(handoff.order_number)))
    tried = [_intent(t, language) for t in handoff.tried if has(f"intent_{t}") and t != handoff.intent]
    if tried:
        lines.append(line("summary_tried", ", ".join(dict.fromkeys(tried))))
    lines.append(line("summary_sentiment", render(f"sentiment_{handoff.sentiment}", language)))
    customer = handoff.customer_language
    lines.append(line("summary_language", f"{display_name(customer, language)} ({customer})"))
    return "\n".join(lines)


def _intent(intent: str, language: str) -> str:
    """A built-in intent by its label; a seller's own intent by its name."""
    return render(f"intent_{intent}", language) if has(f"intent_{intent}") else intent
