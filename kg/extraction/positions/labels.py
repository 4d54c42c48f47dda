"""The sets of dependency labels (spaCy's English scheme) the position readers test, named by what
they find."""
from __future__ import annotations

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
CLAUSE_SUBJECT_DEPS = {"nsubj", "nsubjpass", "expl"}       # a subject, or 'there'/'it' standing for one
ACTIVE_SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_DEPS = {"auxpass", "nsubjpass"}                     # marks of a passive verb
PARTICLE_DEPS = {"prt", "advmod"}                           # 'push back', 'come forward'
PREDICATE_DEPS = {"acomp", "oprd"}                          # 'is ready', 'made it clear'
# What a verb of saying reports, and what a sentence that only attributes has none of.
REPORTED_DEPS = {"ccomp", "parataxis"}
OWN_CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "parataxis"}
# Dependents that carry what a stance verb is about, and asides a topic leaves out.
CONTENT_DEPS = {"ccomp", "xcomp", "dobj", "prep", "oprd", "attr", "dative"}
TRIM_DEPS = {"relcl", "appos", "parataxis", "npadvmod"}
CALLED_AS_DEPS = {"oprd", "xcomp", "ccomp", "attr"}          # 'called the talks useful'
NOUN_CONTENT_DEPS = {"prep", "acl", "ccomp"}                 # 'demands for …', 'claims that …'
# Clauses that depend on the verb above them: their subject, date or speaker may be that verb's.
DEPENDENT_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj"}
STATED_WITHIN_DEPS = {"ccomp", "xcomp", "conj"}
PURPOSE_DEPS = {"advcl", "acl", "relcl"}                     # with 'to': 'troops sent to support'
SAYING_ON_ITS_OWN_DEPS = {"advcl", "xcomp", "conj"}          # '…, saying that …'
CONDITION_DEPS = {"advcl", "relcl"}
ASIDE_CLAUSE_DEPS = {"relcl", "acl"}
# Words before a noun: its article, compounds and adjectives; the ones that name an actor or a title.
NOUN_PREFIX_DEPS = {"det", "compound", "amod"}
ACTOR_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod"}
OWNER_DEPS = {"compound", "amod", "nmod"}
TITLE_PREFIX_DEPS = {"det", "poss", "amod", "compound"}
TITLE_WORD_DEPS = {"amod", "compound"}
NOUN_COMPOUND_DEPS = {"compound", "nmod"}
GROUP_SIZE_DEPS = {"det", "nummod", "predet", "quantmod"}    # 'the two', 'both', 'all three'
NEAR_NAME_DEPS = {"compound", "appos"}                       # 'correspondent Jane Roe', 'Jane Roe, a reporter'
DESCRIBING_DEPS = {"acl", "amod"}                            # 'Oslo, alarmed by …', 'a worried Oslo'
PREP_DEPS = {"prep", "agent"}
DATE_DEPS = {"pobj", "npadvmod"}
TIME_DEPS = {"npadvmod", "tmod"}
NEGATIVE_WORD_DEPS = {"det", "neg", "advmod", "nsubj"}       # 'no', 'never', 'nothing', 'none'
CONCESSIVE_MARK_DEPS = {"mark", "advmod"}
OBJECT_OR_CLAUSE_DEPS = {"dobj", "ccomp"}
SET_ASIDE_DEPS = {"pobj", "poss"}                            # a name after a preposition or as possessor
SUBJECT_OR_POSSESSOR_DEPS = {"nsubj", "nsubjpass", "poss"}
