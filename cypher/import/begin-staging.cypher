// Starts a staged import: allocates the next generation number and marks it as the one being staged.
// A later import takes the mark over, and this one can then no longer publish.
MERGE (m:Meta {key: 'dataVersion'})
ON CREATE SET m.value = 0, m.generation = 0
WITH m, coalesce(m.lastGeneration, m.generation, 0) + 1 AS generation
SET m.lastGeneration = generation, m.staging = generation
RETURN generation
