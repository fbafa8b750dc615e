CREATE CONSTRAINT application_call_firm_unique IF NOT EXISTS FOR (a:Application) REQUIRE (a.callId, a.firmId) IS UNIQUE
