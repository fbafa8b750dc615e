// The one small transaction that makes a staged import visible: every read follows Meta.generation.
// Matches nothing if another import has taken the staging mark over since this one began.
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.staging = $generation
SET m.generation = $generation, m.staging = null, m.value = m.value + 1, m.firms = $firms, m.supplies = $supplies,
    m.updatedAt = datetime()
RETURN m.value AS version
