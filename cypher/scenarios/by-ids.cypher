MATCH (s:SavedScenario)
WHERE s.id IN $ids
RETURN properties(s) AS scenario
