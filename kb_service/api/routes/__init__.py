"""The JSON API under /api/: one router per part (kb, assessments, editing, users)."""
