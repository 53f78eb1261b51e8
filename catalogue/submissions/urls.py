from django.urls import path

from catalogue.submissions import board, views

urlpatterns = [
    path("needs/submit/", views.submit_need, name="submit_need"),
    path("needs/submit/sent/", views.need_submitted, name="need_submitted"),
    path("needs/", board.needs_board, name="needs_board"),
    path("needs/<int:pk>/", board.public_need, name="public_need"),
    path("needs/<int:pk>/offer/", board.offer_solution, name="offer_solution"),
    path("needs/<int:pk>/offer/sent/", board.offer_sent, name="offer_sent"),
]
