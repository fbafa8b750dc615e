MATCH (a:Application {id: $id})
CREATE (a)-[:HAS_EVENT]->(:StageEvent {stage: $stage, action: $action, by: $by, at: $at, notes: $notes, seq: a.version})
