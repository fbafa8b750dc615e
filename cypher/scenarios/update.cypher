// Renames a saved scenario or rewrites its notes; the request and its data version stay as saved.
MATCH (s:SavedScenario {id: $id})
WITH s, properties(s) AS before
SET s.name = coalesce($name, s.name), s.notes = coalesce($notes, s.notes), s.updatedAt = $at
RETURN before, properties(s) AS scenario
