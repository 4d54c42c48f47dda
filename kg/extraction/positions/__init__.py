"""Positions: who demands, rejects, denies, warns, supports or states what, with the sentence that says so.

Reported speech is the backbone. Every statement the text attributes to an actor is a position: a
verb of saying with its clause ('X said that ...'), a direct quotation with its verb before, after
or in a neighbouring sentence, a quotation that runs on over several sentences or paragraphs. It is
an assertion unless a stance verb, noun or adjective says more (demand, reject, deny, warn, offer,
support, agree ...) or its clause prescribes (must, should, need to: a demand).

Holders are the subjects of those verbs, read as the reader would: names, pronouns, titles, groups,
a body through its official; reporters and news outlets hold nothing (see holders).

The modules, from the bottom up: words (closed word classes, verbs of saying), labels (sets of
dependency labels), press (who reports), context (one article as the readers see it), quotes (direct
quotations), clauses (shapes of clauses), stances (the stance of a word or clause), topics (what a
position is about), people and holders (who holds it, and who speaks a quotation), record (one
Position per holder), speech (reported speech and quotations), stance_words (stance verbs, nouns and
adjectives), reader (one article, start to end). Open word lists are data files in kg/data.
"""
from kg.extraction.positions.reader import extract_positions

__all__ = ["extract_positions"]
