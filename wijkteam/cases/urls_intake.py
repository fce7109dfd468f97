"""URLs of the front door: intake, short contacts, signals, search, volunteer actions (views_intake)."""

urlpatterns: list = []
