// Placeholder replaced as the trainer lands.
