"""The GPR scorecard core: domain, arithmetic, persistence, workflow and command line.  No Qt here."""
