// Stores a batch of computed metrics on the firms, only while the data is still the version they were
// computed from (else nothing is written and the service starts over on the new data).
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.value = $dataVersion
UNWIND $rows AS row
MATCH (f:Firm {id: row.id, gen: m.generation})
SET f += row.metrics, f.metricsVersion = $dataVersion
RETURN count(*) AS written
