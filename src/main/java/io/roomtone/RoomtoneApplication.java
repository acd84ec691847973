package io.roomtone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Roomtone: booking and operations for creative studios. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RoomtoneApplication {

    public static void main(String[] args) {
        SpringApplication.run(RoomtoneApplication.class, args);
    }
}
