MATCH (s:SavedScenario {id: $id})
WITH s, properties(s) AS before
DETACH DELETE s
RETURN before
