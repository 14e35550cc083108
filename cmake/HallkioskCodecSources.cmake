# The pure codecs of drivers/protocols (standard C++ only, no Qt, no I/O), relative to the
# repository root. Listed once, for the terminal's build (hallkiosk::codecs) and for the clang
# libFuzzer build of tests/fuzz.
set(HALLKIOSK_CODEC_SOURCES
  drivers/protocols/keyboard_wedge/input_event_decoder.cpp drivers/protocols/keyboard_wedge/input_event_decoder.h
  drivers/protocols/sam_idcard/id_card_text.h
  drivers/protocols/sam_idcard/id_card_text_decoder.cpp drivers/protocols/sam_idcard/id_card_text_decoder.h
  drivers/protocols/sam_idcard/id_card_text_encoder.cpp drivers/protocols/sam_idcard/id_card_text_encoder.h
  drivers/protocols/sam_idcard/sam_command.cpp drivers/protocols/sam_idcard/sam_command.h
  drivers/protocols/sam_idcard/sam_frame.cpp drivers/protocols/sam_idcard/sam_frame.h
  drivers/protocols/sam_idcard/sam_frame_decoder.cpp drivers/protocols/sam_idcard/sam_frame_decoder.h
  drivers/protocols/sam_idcard/sam_response.cpp drivers/protocols/sam_idcard/sam_response.h
  drivers/protocols/sam_idcard/sam_status.cpp drivers/protocols/sam_idcard/sam_status.h
  drivers/protocols/sam_idcard/ucs2_text.cpp drivers/protocols/sam_idcard/ucs2_text.h
  drivers/protocols/scanner_line/scanned_text_encoding.cpp drivers/protocols/scanner_line/scanned_text_encoding.h
  drivers/protocols/scanner_line/scanner_line_decoder.cpp drivers/protocols/scanner_line/scanner_line_decoder.h
)
# What of app/domain the codecs and the token parser use.
set(HALLKIOSK_FUZZ_DOMAIN_SOURCES
  app/domain/booking/booking_token.cpp
  app/domain/booking/id_number.cpp
)
