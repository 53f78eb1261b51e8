from django.urls import path

from alerts import views

urlpatterns = [
    path("alerts/subscribe/", views.subscribe_catalogue, name="subscribe_catalogue"),
    path("needs/<int:pk>/subscribe/", views.subscribe_need, name="subscribe_need"),
    path("alerts/sent/", views.subscribe_sent, name="alerts_sent"),
    path("alerts/confirm/<str:token>/", views.confirm, name="alerts_confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="alerts_unsubscribe"),
]
