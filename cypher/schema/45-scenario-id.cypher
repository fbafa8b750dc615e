CREATE CONSTRAINT scenario_id_unique IF NOT EXISTS FOR (s:SavedScenario) REQUIRE s.id IS UNIQUE
