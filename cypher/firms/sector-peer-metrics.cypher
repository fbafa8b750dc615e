// Every metric of the firms in one KSIC division ($metrics: names from the metrics allowlist).
MATCH (p:Firm)
WHERE p.sector STARTS WITH $division AND p.metricsVersion IS NOT NULL
RETURN [k IN $metrics | p[k]] AS values
