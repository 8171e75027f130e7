"""The app's generic dialogs: a yes/no question and a write-a-file dialog,
on one base with one stylesheet, so every dialog looks and answers alike."""
