"""The shared vocabulary: instrument ids and the measure, channel, refusal-ground,
dual-criminality and offence tags.

These tags are public API (see ``docs/rules.md``). They follow the reference
vocabulary of the four instruments; human names in Spanish and English live in
``treatyrules/_data/labels.yaml``.
"""

from __future__ import annotations

from enum import StrEnum


class Instrument(StrEnum):
    BUDAPEST = "budapest"
    SECOND_PROTOCOL = "second_protocol"
    COMJIB = "comjib"
    UN_CYBERCRIME = "un_cybercrime"


class Measure(StrEnum):
    GENERAL_MLA = "general_mla"
    URGENT_MLA = "urgent_mla"
    EMERGENCY_MLA = "emergency_mla"
    EXPEDITED_PRESERVATION = "expedited_preservation"
    EXPEDITED_DISCLOSURE_TRAFFIC = "expedited_disclosure_traffic"
    ACCESS_STORED_DATA = "access_stored_data"
    REALTIME_TRAFFIC = "realtime_traffic"
    INTERCEPTION = "interception"
    SUBSCRIBER_INFO_DIRECT_ORDER = "subscriber_info_direct_order"
    PRODUCTION_ORDER_EFFECT = "production_order_effect"
    DOMAIN_REGISTRATION_INFO = "domain_registration_info"
    EMERGENCY_DISCLOSURE_24_7 = "emergency_disclosure_24_7"
    EMERGENCY_DATA_24_7 = "emergency_data_24_7"
    ASSISTANCE_24_7 = "assistance_24_7"
    TRANSBORDER_ACCESS_UNILATERAL = "transborder_access_unilateral"
    SPONTANEOUS_INFORMATION = "spontaneous_information"
    VIDEO_CONFERENCE = "video_conference"
    JOINT_INVESTIGATION = "joint_investigation"
    LAW_ENFORCEMENT_COOPERATION = "law_enforcement_cooperation"
    EXTRADITION = "extradition"
    SEIZURE_OF_SYSTEMS = "seizure_of_systems"
    SEALING_PROHIBITION_OF_USE = "sealing_prohibition_of_use"
    DATA_COPY = "data_copy"
    SYSTEM_ACCESS = "system_access"
    DEVICE_DATA_EXTRACTION = "device_data_extraction"
    DATA_DELIVERY = "data_delivery"
    PROVIDER_VOLUNTARY_PORTAL = "provider_voluntary_portal"


class Channel(StrEnum):
    CENTRAL_AUTHORITY = "central_authority"
    TREATY_CHANNEL = "treaty_channel"
    POINT_OF_CONTACT_24_7 = "point_of_contact_24_7"
    JUDICIAL_DIRECT = "judicial_direct"
    COMPETENT_AUTHORITY_DIRECT = "competent_authority_direct"
    INTERPOL = "interpol"
    DIPLOMATIC = "diplomatic"
    DIRECT_TO_SERVICE_PROVIDER = "direct_to_service_provider"
    DIRECT_TO_REGISTRAR = "direct_to_registrar"
    IBERRED = "iberred"
    POLICE_TO_POLICE = "police_to_police"
    JIT_DIRECT = "jit_direct"
    EXPEDITED_MEANS = "expedited_means"
    NONE = "none"


class Ground(StrEnum):
    POLITICAL_OFFENCE = "political_offence"
    ESSENTIAL_INTERESTS = "essential_interests"
    TREATY_OR_DOMESTIC_LAW_GROUNDS = "treaty_or_domestic_law_grounds"
    CONTRARY_TO_DOMESTIC_LAW = "contrary_to_domestic_law"
    SIMILAR_DOMESTIC_CASE_PROHIBITED = "similar_domestic_case_prohibited"
    CONTRARY_TO_MLA_LEGAL_SYSTEM = "contrary_to_mla_legal_system"
    REQUEST_NOT_CONFORMING = "request_not_conforming"
    FORMAL_DEFECT_INCURABLE = "formal_defect_incurable"
    FORMAL_DEFECT_CURABLE = "formal_defect_curable"
    BREACH_OF_CONVENTION = "breach_of_convention"
    DUAL_CRIMINALITY_ABSENT = "dual_criminality_absent"
    DUAL_CRIMINALITY_AT_DISCLOSURE_UNLIKELY = "dual_criminality_at_disclosure_unlikely"
    PREJUDICE_ONGOING_INVESTIGATION = "prejudice_ongoing_investigation"
    POSTPONE_ONGOING_INVESTIGATION = "postpone_ongoing_investigation"
    NE_BIS_IN_IDEM = "ne_bis_in_idem"
    DISCRIMINATION_PERSECUTION = "discrimination_persecution"
    DATA_PROTECTION_INCOMPATIBLE = "data_protection_incompatible"
    CONDITIONS_NOT_ACCEPTED = "conditions_not_accepted"
    DISCRETIONARY = "discretionary"
    EXTRADITION_LAW_OR_TREATY_GROUNDS = "extradition_law_or_treaty_grounds"
    FISCAL_OFFENCE_ONLY = "fiscal_offence_only"
    BANK_SECRECY = "bank_secrecy"


class DualCriminality(StrEnum):
    NEVER = "never"
    MAY_BE_REQUIRED = "may_be_required"
    REQUIRED = "required"
    NOT_ADDRESSED = "not_addressed"
    N_A = "n_a"


class Offence(StrEnum):
    ILLEGAL_ACCESS = "illegal_access"
    ILLEGAL_INTERCEPTION = "illegal_interception"
    DATA_INTERFERENCE = "data_interference"
    SYSTEM_INTERFERENCE = "system_interference"
    MISUSE_OF_DEVICES = "misuse_of_devices"
    COMPUTER_FORGERY = "computer_forgery"
    COMPUTER_FRAUD = "computer_fraud"
    CSAM = "csam"
    IP_INFRINGEMENT = "ip_infringement"
    ATTEMPT_AIDING_ABETTING = "attempt_aiding_abetting"
    GROOMING = "grooming"
    NCII = "ncii"
    LAUNDERING = "laundering"
    RACIST_XENOPHOBIC = "racist_xenophobic"
    OTHER_OFFENCE_BY_COMPUTER_SYSTEM = "other_offence_by_computer_system"
    ELECTRONIC_EVIDENCE_ANY_OFFENCE = "electronic_evidence_any_offence"


class DataType(StrEnum):
    """Kinds of data a request seeks (reference README §2.1)."""

    SUBSCRIBER_INFORMATION = "subscriber_information"
    TRAFFIC_DATA = "traffic_data"
    CONTENT_DATA = "content_data"
    REGISTRATION_DATA = "registration_data"
    STORED_DATA = "stored_data"


class Confidence(StrEnum):
    HIGH = "high"
    VERIFY = "verify"


TAG_KINDS: dict[str, type[StrEnum]] = {
    "instrument": Instrument,
    "measure": Measure,
    "channel": Channel,
    "ground": Ground,
    "dual_criminality": DualCriminality,
    "offence": Offence,
    "data_type": DataType,
}
