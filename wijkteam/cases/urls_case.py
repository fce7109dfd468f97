"""URLs of case pages: list, detail, plan, contact moments, conferences, closure (views_case)."""

urlpatterns: list = []
