from django.urls import path

from catalogue.submissions import views

urlpatterns = [
    path("needs/submit/", views.submit_need, name="submit_need"),
    path("needs/submit/sent/", views.need_submitted, name="need_submitted"),
]
