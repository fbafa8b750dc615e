CREATE INDEX assignment_evaluator IF NOT EXISTS FOR (x:Assignment) ON (x.evaluator)
