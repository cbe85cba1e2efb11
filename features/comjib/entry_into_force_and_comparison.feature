@comjib @requires_comjib @art_17 @art_18
Feature: COMJIB Convention: acts begun before entry into force, and two instruments for one request
  The COMJIB Convention enters into force thirty days after the third ratification, and for a
  later State thirty days after its deposit (17.1, 17.2). It governs only acts of co-operation
  begun after it entered into force between the two Parties (17.3), so the date the act began
  matters, not only the date of the answer. Where the Budapest Convention also binds the pair,
  both may carry the same request; no text ranks them, and the answer compares them.
  In the shipped scenario Peru, Spain and Portugal ratify early in 2027; Portugal is bound from
  31 March 2027, Peru and Spain by that date at the latest.

  Background:
    Given the scenario "comjib_ratified_pe_es_pt"
    And the date is 2027-06-01
    And a request from Peru to Portugal
    And the offence is computer-related fraud
    And there is no MLA treaty between them

  Rule: Article 17.3: only acts begun after entry into force between the two Parties

    Scenario: An act begun before Portugal was bound stays outside the Convention
      Given the measure is mutual legal assistance
      And the cooperation act began on 2027-03-30
      Then the COMJIB Convention does not apply because acts_begun_after_entry_into_force under Article 17.3 of the COMJIB Convention

    Scenario: An act begun on the day Portugal is bound is within it
      Given the measure is mutual legal assistance
      And the cooperation act began on 2027-03-31
      Then the COMJIB Convention applies under Article 17.2 of the COMJIB Convention
      And the central authority is open under Article 8.1 of the COMJIB Convention
      And the refusal grounds form a closed list under Article 3.2 of the COMJIB Convention

  Rule: Budapest and COMJIB side by side

    Scenario: Expedited preservation from Peru to Portugal under both instruments
      Given the measure is expedited preservation
      Then the Budapest Convention applies under Article 29.1 of the Budapest Convention
      And the 24/7 point of contact is open under Article 35.1.b of the Budapest Convention
      And the refusal grounds form a closed list under Article 29.5 of the Budapest Convention
      And the COMJIB Convention applies
      And prejudice to an ongoing investigation is a refusal ground from the treaty itself under Article 3.2.a of the COMJIB Convention
      And the fewest refusal grounds are under the Budapest Convention
      And the fastest route is under the Budapest Convention
      And the answer cites Article 39.3 of the Budapest Convention
