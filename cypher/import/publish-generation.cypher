// The one small transaction that makes a staged import visible: every read follows Meta.generation.
// Matches nothing if another import has taken the staging mark over since this one began.
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.staging = $generation
WITH m, m.value + 1 AS version
SET m.generation = $generation, m.staging = null, m.value = version, m.publishedVersion = version, m.firms = $firms,
    m.supplies = $supplies, m.updatedAt = datetime()
RETURN m.value AS version
