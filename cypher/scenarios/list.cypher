MATCH (s:SavedScenario)
WHERE $kind IS NULL OR s.kind = $kind
RETURN properties(s) AS scenario
ORDER BY s.updatedAt DESC, s.id
LIMIT toInteger($limit)
