"""The НОЦ groups whose members see what visitors send (their permissions come from catalogue 0002_requests)."""
EDITORS = "Редакторы НОЦ"
MODERATORS = "Модераторы НОЦ"
