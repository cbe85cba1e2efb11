@second_protocol @requires_second_protocol @art_9 @art_16
Feature: Expedited disclosure in an emergency through the 24/7 network (Second Protocol, Article 9)
  In an emergency (a significant and imminent risk to the life or safety of a person, Article
  3), a Party's 24/7 point of contact may ask another Party's point of contact for immediate help
  in obtaining stored data from a provider in that Party, without a mutual-assistance request
  (9.1.a). The requested Party decides rapidly (9.6). Every answer under the Protocol is marked
  "verify": its text could not be checked against an authentic copy.

  Background:
    Given the scenario "second_protocol_fifth_consent"
    And that Peru ratifies the Second Protocol on 2027-01-01
    And that Spain ratifies the Second Protocol on 2027-01-01
    And the date is 2027-07-01
    And a request from Peru to Spain
    And the measure is emergency disclosure through the 24/7 network
    And the offence is computer-related fraud

  Rule: Article 9 works between 24/7 points of contact, only in an emergency

    Scenario: Peru's point of contact asks Spain's in an emergency
      Given the request is an emergency
      Then the Second Protocol applies under Article 9.1.a of the Second Protocol
      And the 24/7 point of contact is open under Article 9.1.a of the Second Protocol
      And the time limit is immediately under Article 9.6 of the Second Protocol
      And dual criminality is not addressed
      And the answer is marked confidence verify

    Scenario: Without an emergency Article 9 is not available
      Given the request is urgent
      Then the Second Protocol does not apply because only in an emergency under Article 9.1.a of the Second Protocol
      And the Budapest Convention does not apply because 24/7-to-24/7 emergency disclosure is Second Protocol Art 9
