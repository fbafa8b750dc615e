// Stores computed metrics on a batch of firms ($values[i]: the metrics of $ids[i] in METRIC_IDS order, NaN
// for no value; server/domain/metricValues.ts), only while the data is still the version they were computed
// from (else nothing is written and the service starts over on the new data).
MATCH (m:Meta {key: 'dataVersion'})
WHERE m.value = $dataVersion
UNWIND range(0, size($ids) - 1) AS i
MATCH (f:Firm {id: $ids[i], gen: m.generation})
SET f.metricsVersion = $dataVersion, f.metricValues = $values[i]
RETURN count(*) AS written
