package io.emp.bench.spring;

import org.springframework.boot.CommandLineRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
class OwnerController {
    private final OwnerRepository owners;

    OwnerController(OwnerRepository owners) {
        this.owners = owners;
    }

    @GetMapping("/owners")
    List<Map<String, Object>> owners(@RequestParam(defaultValue = "") String name) {
        return owners.findByNameContaining(name).stream()
                .map(o -> Map.<String, Object>of("id", o.getId(), "name", o.getName())).toList();
    }

    @Configuration
    static class SampleData {
        @Bean
        CommandLineRunner seed(OwnerRepository owners, PetRepository pets) {
            return args -> {
                Owner george = owners.save(new Owner("George Franklin"));
                pets.save(new Pet("Leo", george));
                owners.save(new Owner("Betty Davis"));
            };
        }
    }
}
