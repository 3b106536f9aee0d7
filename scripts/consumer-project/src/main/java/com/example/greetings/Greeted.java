package com.example.greetings;

public record Greeted(String name) {}
