"""Language of customer messages: detection (mixed-language too) and a conversation's language."""

from babeldesk.language.conversation import ConversationReader, conversation_language
from babeldesk.language.detect import UNDETERMINED, Detection, Span, detect, detect_many, warm_up

__all__ = [
    "UNDETERMINED",
    "ConversationReader",
    "Detection",
    "Span",
    "conversation_language",
    "detect",
    "detect_many",
    "warm_up",
]
