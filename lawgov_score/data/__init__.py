"""Indicator files read into typed values (Indicators), derived fields and checks across fields."""
