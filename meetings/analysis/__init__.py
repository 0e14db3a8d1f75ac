"""Answers across meetings, for the analyst pages: a country's partners and activity, a
format's editions, a topic's documents and statements, a person's meetings, who meets whom.

Every function here counts published meetings only, and returns plain data (numbers, names,
dates) rather than querysets, so that a page's answers can be computed once and cached whole.
"""
