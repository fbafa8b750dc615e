// Data stored before generations existed is generation 0.
MERGE (m:Meta {key: 'dataVersion'})
ON CREATE SET m.value = 0
SET m.generation = coalesce(m.generation, 0)
RETURN m.generation AS generation
