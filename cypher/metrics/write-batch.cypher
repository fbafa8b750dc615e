// Stores a batch of computed metrics on the firms; metricsVersion records the data version they describe.
UNWIND $rows AS row
MATCH (f:Firm {id: row.id})
SET f += row.metrics, f.metricsVersion = $dataVersion
RETURN count(*) AS written
