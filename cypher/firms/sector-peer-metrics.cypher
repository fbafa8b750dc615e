// Every metric of the firms in one KSIC division, as stored (metricValues, server/domain/metricValues.ts).
MATCH (meta:Meta {key: 'dataVersion'})
MATCH (p:Firm)
WHERE p.gen = meta.generation AND p.sector STARTS WITH $division AND p.metricsVersion IS NOT NULL
RETURN p.metricValues AS values
