// One score per application, source and evaluator (an AI evaluator's score has one evaluator slot):
// a second entry replaces the first; the previous value is returned for the audit trail.
MATCH (a:Application {id: $applicationId})
MERGE (a)-[:HAS_SCORE]->(s:Score {key: $key})
WITH s, properties(s) AS before
SET s.id = coalesce(s.id, $id), s.kind = $kind, s.source = $source, s.evaluator = $evaluator, s.score = $score,
    s.notes = $notes, s.at = $at, s.via = $via
RETURN CASE WHEN before.score IS NULL THEN null ELSE before END AS before, properties(s) AS score
