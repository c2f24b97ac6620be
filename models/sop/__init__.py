"""SOPs: the document reader, the register, pelaksana, durations, the one state machine, cycle time, SOP monitoring."""
