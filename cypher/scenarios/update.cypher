// Renames a saved scenario and rewrites its notes; the request and its data version stay as saved.
MATCH (s:SavedScenario {id: $id})
WITH s, properties(s) AS before
SET s.name = $name, s.notes = $notes, s.updatedAt = $at
RETURN before, properties(s) AS scenario
