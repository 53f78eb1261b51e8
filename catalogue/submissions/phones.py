"""Russian phone numbers as people type them: +7 (3842) 12-34-56, 8 923 123 45 67, 89231234567."""
import re

from django.core.exceptions import ValidationError

_SEPARATORS = re.compile(r"[\s()\-.]")
_TEN_DIGITS = re.compile(r"[0-9]{10}")
PHONE_ERROR = "Укажите российский номер из 10 цифр после +7 или 8, например +7 923 123-45-67."


def normalise_phone(value):
    """Return the number as «+7 XXX XXX-XX-XX», or raise ValidationError with a Russian message."""
    digits = _SEPARATORS.sub("", value)
    if digits.startswith("+7"):
        digits = digits[2:]
    elif len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if not _TEN_DIGITS.fullmatch(digits):
        raise ValidationError(PHONE_ERROR, code="phone")
    return f"+7 {digits[:3]} {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
