"""Target progress: statuses, actuals, target rows (pure logic, no Dash)."""
