"""Requests for solutions and needs stated by cities: public forms, editors' notification, the admin inbox."""
