// Every metric of the firms in one KSIC division ($metrics: names from the metrics allowlist).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (p:Firm)
WHERE p.gen = meta.generation AND p.sector STARTS WITH $division AND p.metricsVersion IS NOT NULL
RETURN [k IN $metrics | p[k]] AS values
