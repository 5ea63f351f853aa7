"""PDF documents: minutes for one outer-circle recipient, meeting packs, referral summaries, questionnaires.

Every document is built from plain frozen dataclasses (`content.py`) into bytes, with no database, model
or Qt import, so a document can be built off the UI thread and tested on its own. What a recipient may
see is decided by `consent_filter.py` before anything is laid out.

Documents (each a `build_*(content) -> bytes` function, with its story/info/decor parts public so the
benchmark can build the same story with bare ReportLab):
  minutes.py        build_minutes(content: MinutesContent, consented) -> bytes, one recipient's copy
  meeting_pack.py   build_meeting_pack(content: MeetingPackContent) -> bytes, for the inner circle
  referral.py       build_referral_summary(content: ReferralSummaryContent) -> bytes
  questionnaire.py  build_questionnaire(content: QuestionnaireContent) -> bytes, blank, to print

What goes in:
  content.py         the frozen dataclasses each document prints
  categories.py      the information categories (codes and labels); "internal" is never shareable
  consent_filter.py  filter_meeting(meeting, consented) -> SharedMeeting; categories_covered(grants, on)
  samples.py         obviously fictional content, for looking at layouts, the benchmark and tests

Building blocks other documents reuse (the learning-circle record, for one):
  fonts.py       the shipped DejaVu fonts, registered once per process
  styles.py      paragraph styles and colours
  page.py        page geometry, the protective marking and running header/footer, "Page X of Y"
  document.py    story + DocumentInfo + PageDecor -> PDF bytes
  flowables.py   headings, paragraphs from user text, key/value and data tables, tick boxes, lines to write on
  text.py        escaping user text and formatting dates the UK way
  meeting_parts.py  meeting details, attendance, minutes sections, decisions and actions
  pdfio.py       optional AES-256 protection and crash-safe writing to disk

Importing this package does not import ReportLab; the document modules do.
"""
